// `__attribute__((fallthrough));` is a null statement with an attribute (SQLite's
// deliberate_fall_through): no diagnostic, like gcc. tscc warned "useless type
// name in empty declaration" once per use.
#include <stdio.h>

static int f(int x) {
    int n = 0;
    switch (x) {
    case 0: n += 1; __attribute__((fallthrough));
    case 1: n += 10; __attribute__((__fallthrough__));
    case 2: n += 100; break;
    default: n = -1;
    }
    return n;
}

int main(void) {
    printf("%d %d %d %d\n", f(0), f(1), f(2), f(3));
    return 0;
}
// expect: 111 110 100 -1
