// constructor/destructor attributes (.init_array/.fini_array entries, with
// priorities in order) and attributes after an array declarator (were dropped).
#include <stdio.h>
static int order[4], n;
__attribute__((constructor(200))) static void second(void) { order[n++] = 2; }
__attribute__((constructor(101))) static void first(void) { order[n++] = 1; }
__attribute__((constructor)) static void last(void) { order[n++] = 3; }
__attribute__((destructor)) static void bye(void) { printf(" bye\n"); }
char pad1;
int arr[4] __attribute__((aligned(64)));
char pad2;
int grid[2][3] __attribute__((aligned(32)));
int main(void) {
  static int loc[3] __attribute__((aligned(32)));
  int local[3] __attribute__((aligned(32)));
  printf("%d%d%d %d %d %d %d %d", order[0], order[1], order[2], (int)((long)arr % 64), (int)((long)grid % 32),
         (int)((long)loc % 32), (int)((long)local % 32), (int)_Alignof(arr));
  return 0;
}
// expect: 123 0 0 0 0 64 bye
