// 3:3: error: variable-sized object may not be initialized
int main(int argc, char **argv) {
  int a[argc] = { 1 };
  return a[0];
}
