// Structs and unions: copies, by-value passing and returning, bit-fields, arrays of structs.
#include <stdio.h>
#include <string.h>

struct point { int x, y; };
struct big { long a[5]; };
struct mixed { double d; int i; float f; };
struct flags { unsigned a : 3; signed b : 5; unsigned c : 1; int : 0; unsigned d : 12; };
union num { int i; float f; unsigned char bytes[4]; };

static struct point add(struct point p, struct point q) { return (struct point){ p.x + q.x, p.y + q.y }; }
static struct big twice(struct big b) { for (int i = 0; i < 5; i++) b.a[i] *= 2; return b; }
static struct mixed mk(double d, int i, float f) { struct mixed m = { d, i, f }; return m; }

int main(void) {
    struct point p = { 1, 2 }, q = { .y = 10, .x = 20 };
    struct point r = add(p, q);
    struct big b = { { 1, 2, 3, 4, 5 } };
    struct big b2 = twice(b);
    struct mixed m = mk(1.5, 7, 2.5f);
    struct flags fl = { 5, -3, 1, 4095 };
    fl.a++;
    fl.b -= 10;
    union num n;
    n.f = 1.0f;
    struct point arr[3] = { [1] = { 5, 6 } };
    struct point copy;
    memcpy(&copy, &arr[1], sizeof copy);
    printf("%d %d %ld %ld %.1f %d %.1f %u %d %u %u %x %d %d\n", r.x, r.y, b.a[4], b2.a[4], m.d, m.i, m.f,
           fl.a, fl.b, fl.c, fl.d, n.i, copy.x + copy.y, arr[0].x + arr[2].y);
    return 0;
}
// expect: 21 12 5 10 1.5 7 2.5 6 -13 1 4095 3f800000 11 0
