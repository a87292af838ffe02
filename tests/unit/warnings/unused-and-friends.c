struct S { int a, b, c; };
static int sf(void) { return 1; }
static int sv;
static const int scv = 3;
int g(int p, int q, int r) {
  int a; int b = 1; int c; int d; int e; int f; int h[3]; struct S s; int *pp; int u;
  a = 1;
  c = 0; c++;
  d = 0; d += 2;
  e = 3; (void)e;
  f = 1; h[0] = f;
  s.a = 1;
  pp = &u;
  r = 5;
  unsigned x = 3; int y = -1;
  if (x < y) return 1;
  if (x < 5) return 2;
  if ((unsigned char)y < x) return 3;
  struct S t = {1, 2};
  struct S t2 = {0};
  struct S t3 = {.a = 1};
  if (a = b) return 4;
  if (p && q || r) return 5;
lab:
  return q;
}
int h(int z) { if (z) return 1; }
