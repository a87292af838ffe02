// 3:18: error: invalid application of '__alignof__' to incomplete type 'struct T'
struct T;
int a = _Alignof(struct T);
