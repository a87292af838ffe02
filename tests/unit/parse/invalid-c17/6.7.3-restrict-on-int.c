// 1:1: error: invalid use of 'restrict'
restrict int x;
