// GNU variably sized structs: arrays of them, indexing, pointer arithmetic
// and differences, ++, and pointers passed through void * to a helper that
// redeclares the type, and to a nested function that uses the encloser's.
#include <stdio.h>

static long through_void(void *p, int n, int count) {
    struct R { int id; char name[n]; long weight; } *r = p;
    long sum = 0;
    for (int i = 0; i < count; i++) sum += r[i].id * 1000L + r[i].name[n - 1] + r[i].weight;
    return sum;
}

static void run(int n) {
    struct R { int id; char name[n]; long weight; } rs[3], *p = rs, *end = rs + 3;
    for (int i = 0; i < 3; i++) {
        rs[i].id = i + 1;
        for (int k = 0; k < n; k++) rs[i].name[k] = (char)('a' + i + k);
        rs[i].weight = 10 * (i + 1);
    }
    long walked = 0;
    for (; p < end; p++) walked += p->weight;
    p = &rs[2];
    --p;
    long diff = end - rs;
    long bytes = (char *)&rs[1] - (char *)&rs[0];
    // A nested function sees the encloser's type and its run-time layout.
    long second(struct R *q) { return q[1].weight + q[1].name[0]; }
    printf("%zu %zu %ld %ld %ld %d %ld %ld\n", sizeof rs, sizeof rs[0], bytes, diff, walked, p->id,
           through_void(rs, n, 3), second(rs));
}

int main(void) {
    run(5);
    return 0;
}
// expect: 72 24 24 3 60 2 6366 118
