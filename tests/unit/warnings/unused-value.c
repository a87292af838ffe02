int f(void);
int g(int *p, int x) {
  *p++;
  x + f();
  5;
  (void)x;
  x ? f() : 0;
  x && f();
  (x, f());
  (f(), x);
  -x;
  p[1];
  (char)x;
  (long)f();
  ;
  return 0;
}
