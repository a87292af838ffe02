// 4:31: error: invalid application of 'sizeof' to incomplete type 'struct T'
struct T;
struct T *g(void);
int main(void) { return sizeof(*g()); }
