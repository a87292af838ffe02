// 2:39: error: invalid operands to binary * (have 'int *' and 'int')
int main(void) { int *p = 0; return p * 2; }
