int f(int a, int b, double d, int *p, struct { int m; } s) {
  int x = a + b * (a - b) / (b ? b : 1) % 7 << 2 >> 1;
  x += a & b | a ^ ~b; x = !x && (a || b);
  x = a < b ? a : b >= a ? (int)d : -1;
  p[1] = *p++ + --a + b--;
  d = (double)x / 3.0e-2 + 0x1.8p3 + 1.5f + 'c' + L'w' + u'x';
  x = sizeof x + sizeof(struct { char c; }) + _Alignof(double);
  x = (a, b, s.m);
  x = _Generic(d, double: 1, default: 2);
  const char *str = "con" "cat" u8"enated\n\t\x41\101";
  return x + str[0] + (int)(long)&p[2] + (int)(p - p);
}
