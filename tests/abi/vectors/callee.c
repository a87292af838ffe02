// GNU vectors across calls (SysV: 8- and 16-byte vectors in one SSE register); see tests/unit/abi-vectors.test.ts.
typedef int v4 __attribute__((vector_size(16)));
typedef double v2d __attribute__((vector_size(16)));
v4 vadd(v4 a, v4 b) { return a + b; }
v2d vmul(v2d a, v2d b) { return a * b; }
typedef short v4s __attribute__((vector_size(8)));
v4s vsub(v4s a, v4s b) { return a - b; }
struct S { int k; };
int many(int a, v4 b, double c, v4 d, struct S s) { return a + b[1] + (int)c + d[2] + s.k; }
