struct S { int a, b; };
int k(int p, int q, int r, int s) {
  int a = 0; int b; int c; int d[2]; int e; struct S st; int *ptr; int m = 0; int n;
  int sz; int z;
  b = sizeof a;
  c = 1; c;
  d[1] = 2; 
  e = 5; ptr = &e; *ptr = 1;
  st.b = 2; st = st;
  p = 3;
  q + 1;
  m == 2;
  n = 1, n = 2;
  sz = 4; z = sizeof(sz);
  return 0;
}
void l(int unused_p, int) { }
int mm(void) { int v = 3; return 0; }
