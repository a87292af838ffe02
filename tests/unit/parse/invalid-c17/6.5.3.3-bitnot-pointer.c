// 1:27: error: wrong type argument to bit-complement
void f(int *p) { int *q = ~p; }
