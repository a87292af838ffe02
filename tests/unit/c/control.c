// Control flow: loops, switch (dense and sparse, ranges, fallthrough), goto, recursion.
#include <stdio.h>

static int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

static const char *classify(int x) {
    switch (x) {
    case 0: return "zero";
    case 1 ... 9: return "digit";
    case 10: case 20: case 30: return "tens";
    case 1000000: return "million";
    default: return "other";
    }
}

int main(void) {
    int sum = 0;
    for (int i = 0; i < 10; i++) {
        if (i == 3) continue;
        if (i == 8) break;
        sum += i;
    }
    int n = 0;
    while (n < 100) n += 7;
    int k = 0;
    do k++; while (k < 5);
    int fall = 0;
    switch (2) { case 1: fall += 1; case 2: fall += 2; case 3: fall += 3; break; case 4: fall += 100; }
    int g = 0;
again:
    if (++g < 3) goto again;
    printf("%d %d %d %d %d %d %s %s %s %s %s\n", sum, n, k, fall, g, fib(20),
           classify(0), classify(5), classify(20), classify(1000000), classify(-4));
    return 0;
}
// expect: 25 105 5 5 3 6765 zero digit tens million other
