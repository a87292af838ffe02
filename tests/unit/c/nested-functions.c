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

// `auto` declarations, mutual recursion, a sibling's trampoline from two levels
// down, and a non-local goto from two levels down.
static int mutual(int n) {
    __label__ done;
    int result = 0;
    auto int even(int);
    int odd(int k) { return k == 0 ? 0 : even(k - 1); }
    int even(int k) { return k == 0 ? 1 : odd(k - 1); }
    struct { int a[3]; } s = {{1, 2, 3}};
    void mid(int m) {
        int deep(int j) {
            s.a[j] += m;
            if (j == 2 && m == 99) goto done;
            return apply(even, j) + s.a[0];
        }
        result += apply(deep, 0) + deep(1) + apply(odd, 3);
        if (m == 99) deep(2);
    }
    mid(10);
    mid(n);
    return result * 1000 + s.a[0] + s.a[1];
done:
    return -result - s.a[2];
}

// A non-local goto into a function with a live VLA keeps the VLA's stack.
static void clobber_stack(void) { volatile char junk[4096]; memset((char *)junk, 0x55, sizeof junk); }
static void call_void(void (*f)(void)) { f(); }
static int vla_goto(int n) {
    __label__ out;
    int a[n];
    void g(void) { goto out; }
    for (int i = 0; i < n; i++) a[i] = i * 3;
    call_void(g);
    return -1;
out:
    clobber_stack();
    return a[n - 1];
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
    printf("%d %ld %d %d %d %d ", levels(5), aggregates(p, 4), recursion(5), collect(), escape(7), builtin_setjmp());
    printf("%d %d %d\n", mutual(5), mutual(99), vla_goto(100));
    return 0;
}
// expect: 127007 117 12005 10 8 11 58033 -348 297
