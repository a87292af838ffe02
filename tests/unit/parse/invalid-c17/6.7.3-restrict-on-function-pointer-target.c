// 1:1: error: invalid use of 'restrict'
void (*restrict p)(void);
int (* restrict q);
restrict struct { int a; } s;
