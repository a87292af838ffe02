// 3:16: error: parameter 1 ('t') has incomplete type
struct T;
int f(struct T t) { return 0; }
