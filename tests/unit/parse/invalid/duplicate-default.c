// 3:35: error: multiple default labels in one switch
int f(int x) {
  switch (x) { default: return 1; default: return 2; }
}
