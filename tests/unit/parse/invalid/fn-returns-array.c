// 3:3: error: 'f' declared as function returning an array
typedef int A[3];
A f(void);
