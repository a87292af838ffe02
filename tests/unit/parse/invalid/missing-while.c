// 2:21: error: expected 'while' before '(' token
void f(void) { do ; (0); }
