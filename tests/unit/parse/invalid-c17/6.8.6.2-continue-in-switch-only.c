// 1:38: error: continue statement not within a loop
void f(int x) { switch (x) { case 1: continue; } }
