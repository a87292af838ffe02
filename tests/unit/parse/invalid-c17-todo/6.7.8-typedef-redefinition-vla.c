// 1:47: error: redefinition of typedef 'A' with variably modified type
void f(int n) { typedef int A[n]; typedef int A[n]; }
