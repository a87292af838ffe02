// 1:32: error: declaration of static variable 'i' in 'for' loop initial declaration
void f(void) { for (static int i = 0; i < 3; i++) ; }
