int g(int n) {
  int sum = 0;
  for (int i = 0; i < n; i++) { if (i % 2) continue; sum += i; }
  while (n--) { sum ^= n; if (sum > 100) break; }
  do sum--; while (sum > 50);
  switch (n) { case 0: sum = 1; break; case 1 ... 3: sum = 2; /* fallthrough */ default: sum++; }
  { int vla[n + 1]; vla[0] = sum; sum = vla[0]; }
  goto out;
out:
  return sum;
}
