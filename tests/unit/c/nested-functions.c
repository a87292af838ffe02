// GNU nested functions: static chains (several levels), trampolines, captured
// parameters, aggregates and VLAs, non-local goto, __builtin_setjmp/longjmp.
#include <stdio.h>
#include <string.h>

struct pair { long a, b; };

static int apply(int (*f)(int), int x) { return f(x); }
static void each(int n, void (*f)(int)) { for (int i = 0; i < n; i++) f(i); }

static int levels(int base) {
    int mid = 0;
    int outer(int k) {
        int local = k * 10;
        int inner(int j) {
            mid += j;              // two levels up
            return base + local + j; // parameter of the top, local of the middle
        }
        return apply(inner, k) + inner(1); // through a trampoline, and directly
    }
    int r = outer(2) + outer(3);
    return r * 1000 + mid;
}

static long aggregates(struct pair p, int n) {
    long vla[n];
    for (int i = 0; i < n; i++) vla[i] = i * i;
    long sum(void) {
        long s = p.a + p.b;
        for (int i = 0; i < n; i++) s += vla[i];
        return s;
    }
    p.b = 100;
    return sum();
}

static int recursion(int n) {
    int calls = 0;
    int fact(int k) { calls++; return k <= 1 ? 1 : k * fact(k - 1); }
    int r = fact(n);
    return r * 100 + calls;
}

static int collect(void) {
    int total = 0;
    void add(int i) { total += i; }
    each(5, add);
    return total;
}

static int escape(int depth) {
    __label__ out;
    int seen = 0;
    void down(int d) {
        seen++;
        if (d == 0) goto out;
        down(d - 1);
    }
    down(depth);
    return -1;
out:
    return seen;
}

static void *jb[5];
static int setjmp_count;
static __attribute__((noinline)) void jump_back(void) { __builtin_longjmp(jb, 1); }

static int builtin_setjmp(void) {
    volatile int phase = 0;
    if (__builtin_setjmp(jb) == 0) {
        phase = 1;
        setjmp_count++;
        jump_back();
        return -1;
    }
    return phase * 10 + setjmp_count;
}

int main(void) {
    struct pair p = { 3, 4 };
    printf("%d %ld %d %d %d %d\n", levels(5), aggregates(p, 4), recursion(5), collect(), escape(7), builtin_setjmp());
    return 0;
}
// expect: 127007 117 12005 10 8 11
