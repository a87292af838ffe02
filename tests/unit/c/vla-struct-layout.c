// GNU variably sized structs and unions: layout (members after a VLA member,
// alignment, trailing padding, packed, aligned members, bit-fields at run-time
// positions, unions, nesting), sizeof captured where the type is declared, offsetof.
#include <stddef.h>
#include <stdio.h>
#include <string.h>

static int layout(int n) {
    struct S { char c; short v[n]; int after; char tail; } s;
    s.c = 1;
    for (int i = 0; i < n; i++) s.v[i] = (short)(100 + i);
    s.after = 77;
    s.tail = 9;
    long off = (char *)&s.after - (char *)&s;
    long toff = (char *)&s.tail - (char *)&s;
    int sum = s.c + s.after + s.tail;
    for (int i = 0; i < n; i++) sum += s.v[i];
    printf("%zu %ld %ld %d ", sizeof(struct S), off, toff, sum);
    return n;
}

static void captured(int n) {
    struct P { char b[n]; } __attribute__((packed));
    typedef struct { int a[n + 1]; double d; } T;
    n += 100; // the sizes were fixed when the types were declared
    printf("%zu %zu ", sizeof(struct P), sizeof(T));
}

static void aligned_member(int n) {
    struct A { char c; __attribute__((aligned(16))) char buf[n]; char z; } a;
    printf("%zu %zu %ld ", sizeof a, _Alignof(struct A), (long)((char *)&a.z - (char *)&a));
}

static void unions(int n) {
    union U { int small; char big[n]; double d; } u;
    u.d = 2.5;
    printf("%zu %zu %.1f ", sizeof(union U), sizeof u, u.d);
}

static void bitfields(int n) {
    // Once the position is a run-time value, a bit-field may straddle a unit of its type (gcc).
    struct B { char c[n]; unsigned a : 30; unsigned b : 4; unsigned : 0; unsigned short s : 9; char z; } b;
    memset(&b, 0, sizeof b);
    b.b = 15;
    b.s = 0x1ff;
    b.z = 1;
    unsigned char *p = (unsigned char *)&b;
    printf("%zu %d:", sizeof b, b.b + b.s);
    for (size_t i = n; i < sizeof b; i++) printf("%02x", p[i]);
    printf(" ");
}

static void nested(int n, int i, int j) {
    struct In { int k; int a[n]; };
    struct Out { char tag; struct In in[2]; long last; } o;
    o.tag = 'x';
    o.in[1].k = 5;
    o.in[1].a[n - 1] = 6;
    o.last = 123456789L;
    typedef int Row[n];
    struct M { int a; Row m[n]; };
    printf("%zu %ld %zu %zu %d %d %ld %c\n", sizeof(struct Out), (long)((char *)&o.last - (char *)&o),
           offsetof(struct Out, in[1].a[2]), __builtin_offsetof(struct M, m[i][j]),
           o.in[1].k, o.in[1].a[n - 1], o.last, o.tag);
}

int main(void) {
    layout(3);
    layout(4);
    captured(5);
    aligned_member(3);
    unions(3);
    unions(21);
    bitfields(3);
    nested(3, 2, 1);
    return 0;
}
// expect: 16 8 12 390 20 12 16 493 5 32 32 16 19 8 8 2.5 24 24 2.5 12 526:000000c003ff010100 48 40 32 32 5 6 123456789 x
