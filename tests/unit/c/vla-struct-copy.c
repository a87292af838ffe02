// GNU variably sized structs and unions: copies by assignment (also through
// pointers and from a statement expression), memcpy with sizeof, passing by
// value through `...` and va_arg, a union with a VLA member.
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static long sum_varargs(int n, int count, ...) {
    struct V { short head; int v[n]; char tail; };
    va_list ap;
    va_start(ap, count);
    long sum = 0;
    for (int i = 0; i < count; i++) {
        struct V x;
        x = va_arg(ap, struct V);
        sum = sum * 10 + x.head + x.v[n - 1] + x.tail;
    }
    sum += va_arg(ap, int); // an ordinary argument after them
    va_end(ap);
    return sum;
}

static void run(int n) {
    struct V { short head; int v[n]; char tail; } a, b, arr[2];
    a.head = 1;
    for (int i = 0; i < n; i++) a.v[i] = i;
    a.tail = 2;
    b = a;                    // assignment copies sizeof(struct V) bytes
    a.v[n - 1] = 100;         // ...and b is a copy
    arr[1] = b;
    struct V *p = &arr[0];
    *p = p[1];
    struct V d;
    memcpy(&d, &a, sizeof d);
    struct V e;
    e = ({ struct V t; t = d; t.head = 7; t; });
    int copies_equal = memcmp(&arr[0], &b, sizeof b) == 0;

    union U { int i; char bytes[n]; double dbl; } u, w;
    memset(&u, 0, sizeof u);
    u.bytes[n - 1] = 42;
    w = u;

    long va = sum_varargs(n, 3, a, b, e, 1000);
    printf("%d %d %d %d %d %d %d %d %zu %d %ld\n", b.v[n - 1], arr[0].head, arr[0].v[n - 1], arr[0].tail,
           d.v[n - 1], e.head, e.v[n - 1], copies_equal, sizeof w, w.bytes[n - 1], va);
}

int main(void) {
    run(13);
    return 0;
}
// expect: 12 1 12 2 100 7 100 1 16 42 11559
