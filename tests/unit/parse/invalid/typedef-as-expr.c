// 3:25: error: expected expression before 'T'
typedef int T;
int main(void) { return T; }
