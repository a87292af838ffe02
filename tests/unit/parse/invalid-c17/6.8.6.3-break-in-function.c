// 1:16: error: break statement not within loop or switch
void f(void) { break; }
