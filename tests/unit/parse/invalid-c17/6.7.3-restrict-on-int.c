// 2:1: error: invalid use of 'restrict'
int x;
restrict int y;
