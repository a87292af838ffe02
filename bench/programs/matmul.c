// Double-precision arithmetic in nested loops: dense matrix multiply.
#include <stdio.h>
enum { N = 360 };
static double a[N][N], b[N][N], c[N][N];
int main(void) {
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) { a[i][j] = (i * 7 + j) % 13 * 0.5; b[i][j] = (i + j * 3) % 11 * 0.25; }
  for (int rep = 0; rep < 4; rep++)
    for (int i = 0; i < N; i++)
      for (int j = 0; j < N; j++) {
        double s = 0;
        for (int k = 0; k < N; k++) s += a[i][k] * b[k][j];
        c[i][j] = s + rep;
      }
  double sum = 0;
  for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) sum += c[i][j];
  printf("%.3f\n", sum);
  return 0;
}
