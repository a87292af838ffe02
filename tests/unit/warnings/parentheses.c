int f(int a, int b, int c) {
  int r = 0;
  if (a = b) r++;
  while ((a = c)) r++;
  if (a && b || c) r++;
  if (a || (b && c)) r++;
  r += a << b + 1;
  r += a & b | c;
  r += a ^ b + c;
  r += a & b == c;
  r += a < b < c;
  r += a == b == c;
  r += (a & b) | c;
  return r;
}
int main(void) { return f(1, 2, 3) == 0; }
int f(int a, int b) { return a < b ? : 3; }
int g(int a) { return a ? : 3; }
