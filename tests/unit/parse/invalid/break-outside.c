// 3:3: error: break statement not within loop or switch
int main(void) {
  break;
}
