// 2:3: error: 'f' declared as function returning an array
typedef int A[2];
A f(void) { }
