// 3:27: error: 'q' undeclared (first use in this function)
int g(int);
int main(void) { return g(q); }
