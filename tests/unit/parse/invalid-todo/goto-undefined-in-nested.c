// 3:3: error: label 'done' used but not defined
void f(void) {
  { goto done; }
}
