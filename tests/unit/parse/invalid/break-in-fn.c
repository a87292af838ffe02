// 2:23: error: break statement not within loop or switch
void f(void) { if (1) break; }
