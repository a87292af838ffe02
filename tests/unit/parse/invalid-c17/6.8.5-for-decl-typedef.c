// 1:16: error: declaration of non-variable 'T' in 'for' loop initial declaration
void f(void) { for (typedef int T; ; ) ; }
