// A typedef name right after a parameter's specifiers is the parameter's name
// (Python.h: `PyCapsule_Destructor destructor`), and an anonymous union
// counts as a named member before a flexible array member (linux/bpf.h).
// expect: 7 8 4
#include <stdio.h>
typedef int destructor;
typedef int count;
static int twice(count destructor) { return destructor + 1; }
struct fam { union { int a; unsigned b; }; char data[]; };
int main(void) {
  destructor d = 7;
  printf("%d %d %zu\n", d, twice(d), sizeof(struct fam));
  return 0;
}
