// 1:41: error: multiple default labels in one switch
void f(int x) { switch (x) { default: ; default: ; } }
