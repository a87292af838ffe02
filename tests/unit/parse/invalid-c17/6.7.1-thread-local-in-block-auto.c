// 1:34: error: function-scope 't' implicitly auto and declared '_Thread_local'
void f(void) { _Thread_local int t; }
