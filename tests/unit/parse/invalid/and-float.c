// 2:41: error: invalid operands to binary & (have 'double' and 'int')
int main(void) { double d = 1; return d & 1; }
