// 1:21: error: duplicate label 'a'
void f(void) { a: ; a: ; }
