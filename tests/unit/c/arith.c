// Integer and floating arithmetic with C's exact conversion rules.
#include <stdio.h>
#include <limits.h>
#include <stdint.h>

#define CHECK(x) do { if (!(x)) { printf("FAIL line %d: %s\n", __LINE__, #x); fails++; } } while (0)
static int fails;

int main(void) {
    int a = 7, b = -3;
    CHECK(a / b == -2 && a % b == 1);
    CHECK(-7 / 2 == -3 && -7 % 2 == -1);
    unsigned u = 0xffffffffu;
    CHECK(u + 1 == 0);
    CHECK((unsigned char)300 == 44);
    CHECK((signed char)200 == -56);
    CHECK(-1 < 0u == 0);
    CHECK((long)INT_MIN - 1 == -2147483649L);
    long long big = LLONG_MAX;
    CHECK(big + 0 == 9223372036854775807LL);
    CHECK((1u << 31) == 2147483648u);
    CHECK((-8 >> 1) == -4);
    CHECK((0x80000000u >> 31) == 1);
    uint64_t x = 0x123456789abcdef0ULL;
    CHECK((uint32_t)x == 0x9abcdef0u);
    CHECK((x >> 32) == 0x12345678u);
    double d = 1.0 / 3.0;
    CHECK(d > 0.333 && d < 0.334);
    CHECK((int)2.99 == 2 && (int)-2.99 == -2);
    CHECK((unsigned)3e9 == 3000000000u);
    float f = 16777217.0f;
    CHECK(f == 16777216.0f);
    CHECK((double)(float)0.1 != 0.1);
    long double ld = 1.0L / 3.0L;
    CHECK(ld > 0.333L && ld < 0.334L);
    CHECK(sizeof(long double) == 16 || sizeof(long double) == 16);
    short s = -5;
    CHECK(s * s == 25);
    char c = 'A';
    CHECK(c + 1 == 66);
    _Bool t = 5;
    CHECK(t == 1);
    CHECK(0.1 + 0.2 != 0.3);
    printf("%d %u %ld %.3f %s\n", a * b, u, (long)big % 1000, d, fails ? "FAILED" : "ok");
    return fails != 0;
}
// expect: -21 4294967295 807 0.333 ok
