// 3:10: error: return type is an incomplete type
struct T;
struct T f(void) { }
