// 2:39: error: wrong type argument to bit-complement
int main(void) { double d = 1; return ~d; }
