// Pointers, arrays, strings, function pointers, globals with relocations, varargs.
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int table[] = { 3, 1, 4, 1, 5, 9, 2, 6 };
static const char *names[] = { "zero", "one", "two" };
static int *ptr_into = &table[5];
char greeting[] = "hello";

static int cmp(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }

static int sum(int n, ...) {
    va_list ap;
    va_start(ap, n);
    int s = 0;
    for (int i = 0; i < n; i++) s += va_arg(ap, int);
    va_end(ap);
    return s;
}

static double dsum(int n, ...) {
    va_list ap;
    va_start(ap, n);
    double s = 0;
    for (int i = 0; i < n; i++) s += va_arg(ap, double);
    va_end(ap);
    return s;
}

int main(void) {
    int n = sizeof table / sizeof table[0];
    qsort(table, n, sizeof(int), cmp);
    int (*f)(int, ...) = sum;
    char buf[32];
    strcpy(buf, greeting);
    strcat(buf, ", world");
    int *p = table;
    p += 3;
    printf("%d %d %s %d %d %.2f %s %zu %ld %d\n", table[0], table[n - 1], names[2], *ptr_into, f(4, 1, 2, 3, 4),
           dsum(3, 0.5, 1.25, 2.0), buf, strlen(buf), (long)(p - table), *p);
    return 0;
}
// expect: 1 9 two 5 10 3.75 hello, world 12 3 3
