// Identifiers in UTF-8 and as universal character names name the same entity;
// their symbols are UTF-8 in the object file, as gcc writes them. Also a
// parenthesised abstract array declarator in a parameter list.
// expect: 9 4 2
#include <stdio.h>
int \u00e9t\u00e9 = 3;
static int compteur_\u00e9 = 5;
int café(int x) { return x + compteur_é; }
int f(int ([4]));
int f(int a[4]) { return a[1]; }
int g(int (*)(int), int ([2][3]));
int g(int (*h)(int), int m[2][3]) { return h(m[1][2]) ; }
static int half(int v) { return v / 2; }
int main(void) {
  int naïve = café(été) + 1;
  int a[4] = {1, 4, 9, 16};
  int m[2][3] = {{0, 0, 0}, {0, 0, 4}};
  printf("%d %d %d\n", naïve, f(a), g(half, m));
  return 0;
}
