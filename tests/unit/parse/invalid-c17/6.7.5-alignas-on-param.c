// 1:24: error: alignment specified for parameter 'x'
void f(_Alignas(8) int x);
