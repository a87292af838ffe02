// 3:14: error: expected expression before ';' token
int main(void) {
  return 1 + ;
}
