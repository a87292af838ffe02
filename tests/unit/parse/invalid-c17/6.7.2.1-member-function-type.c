// 1:16: error: field 'f' declared as a function
struct S { int f(void); };
