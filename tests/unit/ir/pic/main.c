#include <stdio.h>
extern int lib_counter;
int lib_bump(int);
int lib_indirect(int);
int app_hook(int x) { return x * 10; }
int main(void) {
  int a = lib_bump(1);
  int b = lib_indirect(2);
  printf("%d %d %d\n", a, b, lib_counter);
  return 0;
}
