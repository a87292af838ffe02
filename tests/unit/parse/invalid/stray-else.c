// 2:16: error: 'else' without a previous 'if'
void f(void) { else return; }
