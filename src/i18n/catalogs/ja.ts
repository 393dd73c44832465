import type { Catalog } from "./en.js";

export const ja: Catalog = {
  cmd: {
    "kling-edit": {
      name: "kling-編集",
      description: "プロンプトで動画クリップのスタイルや内容を変えます（Kling O3、fal）",
    },
    "kling-reference": {
      name: "kling-参照",
      description: "参照動画とキャラクターから新しいクリップを作ります（Kling O3、fal）",
    },
    "kling-usage": {
      name: "kling-使用量",
      description: "今日と今月のあなたのKling使用量（サーバー管理：サーバー全体の合計と台帳）",
      server: { name: "サーバー", description: "サーバー管理：サーバー全体の合計と上位メンバー" },
      export: { name: "エクスポート", description: "サーバー管理：その月の台帳をCSVファイルで" },
      month: { name: "月", description: "エクスポート用：YYYY-MM（既定：今月、UTC）" },
    },
    "kling-help": {
      name: "kling-ヘルプ",
      description: "ここでのKlingの使い方：コマンド、プロンプトでの入力の呼び方、制限、料金、残り枠",
    },
    "edit-with-kling": { name: "Klingで編集" },
    "kling-config": {
      name: "kling-設定",
      description: "サーバー管理者向け：Klingの利用者と場所、制限、予算、料金（サーバー管理）",
      show: { name: "表示", description: "このサーバーのKling設定を表示します" },
      check: {
        name: "チェック",
        description: "セットアップを確認：各チャンネルでの権限、falキー、ストア、料金の取得元",
      },
      pause: { name: "一時停止", description: "このサーバーで新しいジョブを止めます（実行中のものは完了します）" },
      resume: { name: "再開", description: "新しいジョブの受け付けを再開します" },
      limits: { name: "制限", description: "メンバーごとの制限（0 = クールダウンと1日の秒数は無制限）" },
      budget: { name: "予算", description: "サーバーの予算（米ドル、0 = 無制限）と料金の見積もり" },
      channels: { name: "チャンネル", description: "Klingを使えるチャンネル（なし = どこでも）" },
      roles: { name: "ロール", description: "Klingを使えるロール（なし = 全員）" },
      "block-words": { name: "禁止ワード", description: "プロンプトに含められない語句" },
      showcase: {
        name: "ショーケース",
        description: "ショーケースチャンネル（オプションなしで解除）と、すべての結果を送るか共有されたものだけか",
      },
      threads: { name: "スレッド", description: "結果をチャンネルからスレッドに分けるかどうか" },
      reruns: { name: "再実行", description: "他人の結果でRetryとRemixを押せる人" },
      quality: { name: "画質", description: "メンバーがPro画質を選べるかどうか（O3 Pro、Pro料金で課金）" },
      reset: { name: "リセット", description: "設定をボットの既定値に戻します" },
    },
    config: {
      action: { name: "操作", description: "何をするか" },
      add: "追加",
      remove: "削除",
      clear: "すべて消去（制限なし）",
      setting: { name: "設定項目", description: "どの設定か" },
      all: "すべての設定",
      reason: { name: "理由", description: "使おうとしたメンバーに表示されます" },
      allowedChannel: { name: "チャンネル", description: "チャンネル（中のスレッドも含む）" },
      role: { name: "ロール", description: "ロール" },
      words: { name: "語句", description: "カンマ区切りの語句" },
      jobsAtOnce: { name: "同時ジョブ数", description: "1人のメンバーが同時に実行できるジョブ数" },
      cooldown: { name: "クールダウン秒", description: "1人のメンバーのジョブ間の秒数" },
      dailySeconds: {
        name: "1日の秒数",
        description: "メンバー1人あたり1日に生成できる動画の秒数（{{zone}} 00:00にリセット）",
      },
      elementLibraryMb: {
        name: "要素ライブラリmb",
        description: "このサーバーの保存済み要素が使える画像の容量（MB、0 = 保存オフ）",
      },
      dailyUsd: { name: "1日のusd", description: "サーバー全体の1日の支出（{{zone}} 00:00にリセット）" },
      monthlyUsd: { name: "1か月のusd", description: "サーバー全体の暦月ごとの支出" },
      price: {
        name: "1秒あたりの料金usd",
        description: "falが生成1秒ごとに請求する額（見積もり、既定 {{usd}}）",
      },
      proEnabled: {
        name: "pro有効",
        description: "オン：メンバーは画質:proを選べます（Pro料金）。オフ：標準のみ",
      },
      proPrice: {
        name: "pro_1秒あたりの料金usd",
        description: "falがPro生成1秒ごとに請求する額（見積もり、既定 {{usd}}）",
      },
      showcaseChannel: { name: "チャンネル", description: "完成した動画を紹介する場所" },
      showcaseMode: {
        name: "モード",
        description: "auto：見える結果はすべて投稿。共有：依頼者が共有した結果のみ",
        auto: "auto（すべての結果）",
        shared: "共有（依頼者が共有を押す）",
      },
      threadsEnabled: { name: "有効", description: "オン：結果ごとにスレッド。オフ：結果はチャンネルに残ります" },
      who: {
        name: "対象",
        description: "依頼者：依頼者とメッセージの管理を持つ人のみ。全員：どのメンバーでも",
        requester: "依頼者（とメッセージの管理）",
        everyone: "全員",
      },
    },
    settingLabel: {
      paused: "一時停止",
      pausedReason: "一時停止の理由",
      allowedChannelIds: "許可チャンネル",
      allowedRoleIds: "許可ロール",
      blockedPromptWords: "プロンプトの禁止ワード",
      userConcurrentJobs: "メンバーごとの同時ジョブ数",
      userCooldownSec: "メンバーごとのクールダウン",
      userDailySeconds: "メンバーごとの1日の動画",
      elementLibraryMb: "保存済み要素ライブラリの容量",
      showcaseMode: "ショーケースへの投稿",
      guildDailyBudgetMicros: "サーバーの1日の予算",
      guildMonthlyBudgetMicros: "サーバーの月間予算",
      pricePerSecondMicros: "生成1秒あたりの料金",
      proEnabled: "Pro画質",
      proPricePerSecondMicros: "Pro 1秒あたりの料金",
      showcaseChannelId: "ショーケースチャンネル",
      threads: "結果をスレッドに",
      rerunsByAnyone: "他人の結果のRetry/Remix",
    },
    option: {
      prompt: {
        name: "プロンプト",
        description: "作りたいもの。入力は @Video1、@Element1…@Element4、@Image1…@Image4 と呼びます",
      },
      video: { name: "動画", description: "元のクリップ（@Video1）：.mp4か.mov、3〜10秒、各辺720〜2160 px" },
      video_url: {
        name: "動画url",
        description: "またはクリップのhttpsリンク（Discordのアップロード上限を超えるファイル用）",
      },
      element: { name: "要素{{n}}", description: "キャラクターや物体の正面画像（@Element{{n}}）：jpg、png、webp" },
      element_ref: { name: "要素{{n}}_別角度", description: "要素{{n}}の別角度の画像（要素{{n}}が必要）" },
      image: { name: "画像{{n}}", description: "スタイルや見た目の参照（@Image{{n}}）：jpg、png、webp" },
      elements: {
        name: "保存済み要素",
        description: "保存した要素の名前（カンマ区切り、/$t(cmd.kling-element.name)）。プロンプトでは @名前 と書きます",
      },
      keep_audio: { name: "音声を残す", description: "元のクリップの音声を残します（既定：はい）" },
      quality: {
        name: "画質",
        description: "標準（既定）、またはサーバーが有効にしていればPro（料金は高め）",
        standard: "標準",
        pro: "pro（料金は高め、サーバーでの有効化が必要）",
      },
      aspect_ratio: { name: "アスペクト比", description: "新しいクリップの形（既定：auto）" },
      duration: { name: "長さ", description: "新しいクリップの長さ（秒、3〜15）", seconds: "{{s}}秒" },
    },
    "kling-element": {
      name: "kling-要素",
      description: "あなたとサーバーが保存したキャラクターや物体。Klingのプロンプトで名前で使えます",
      save: {
        name: "保存",
        description: "キャラクターや物体（正面画像＋最大3枚の別角度）を保存して、名前で使えるようにします",
      },
      list: { name: "一覧", description: "使える保存済み要素：あなたのものとサーバーのもの" },
      show: { name: "表示", description: "保存済み要素の画像を表示します（あなただけに）" },
      rename: {
        name: "名前変更",
        description: "保存済み要素の名前を変えます（自分のもの、またはサーバー管理でサーバーのもの）",
      },
      delete: {
        name: "削除",
        description: "保存済み要素を削除します（自分のもの、またはサーバー管理でサーバーのもの）",
      },
      newName: { name: "新しい名前", description: "新しい名前（a–z、0–9、_、- で{{min}}〜{{max}}文字）" },
      saveName: {
        name: "名前",
        description: "名前。プロンプトでは @名前 と書きます（a–z、0–9、_、- で{{min}}〜{{max}}文字）",
      },
      front: { name: "正面", description: "正面画像：jpg、png、webp、各辺300 px以上、10 MB以下" },
      ref: { name: "別角度{{n}}", description: "別の角度の画像（参照{{n}}）：jpg、png、webp" },
      scope: { name: "範囲", description: "使える人（既定：自分）" },
      elementName: { name: "名前", description: "要素の名前" },
      which: {
        name: "範囲",
        description: "自分とサーバーの両方にこの名前がある場合にどちらか（既定：自分のものを優先）",
      },
      me: "自分（あなただけが使えます）",
      server: "サーバー（ここの全員。サーバー管理が必要）",
    },
    "kling-showcase": {
      name: "kling-ショーケース",
      description: "サーバーのショーケース：スターの多い動画",
      top: { name: "トップ", description: "スターの多いショーケース投稿" },
      period: {
        name: "期間",
        description: "対象の投稿：過去7日間（既定）、過去30日間、または全期間",
        week: "週",
        month: "月",
        all: "全期間",
      },
    },
  },
  element: {
    guildOnly: "保存済み要素はサーバーに属します：このコマンドはサーバーで使ってください。",
    notFoundServer:
      "このサーバーに {{name}} という保存済み要素はありません：`/$t(cmd.kling-element.name) $t(cmd.kling-element.list.name)` を見てください。",
    notFoundMine:
      "あなたの保存済み要素に {{name}} はありません：`/$t(cmd.kling-element.name) $t(cmd.kling-element.list.name)` を見てください。",
    notFoundAny:
      "{{name}} という保存済み要素はありません（あなたのものにもサーバーのものにも）：`/$t(cmd.kling-element.name) $t(cmd.kling-element.list.name)` を見てください。",
    nameLength: "名前は{{min}}〜{{max}}文字です",
    nameChars: "名前は英小文字a–z、数字、`_`、`-` で、英字で始まります（プロンプトでは `@名前` と書きます）",
    nameReserved: "`element…`、`image…`、`video…` はプロンプトの予約名です：別の名前にしてください",
    badName: "{{name}} は名前にできません：{{problem}}。",
    deleteNeedsManage: "{{name}} は他の人が保存したサーバーの要素です：削除にはサーバー管理が必要です。",
    deleteOnlyOwner: "{{name}} を削除できるのは、保存したメンバーだけです。",
    deleted: "{{name}} を削除しました。",
    alreadyDeleted: "{{name}} はすでに削除されています。",
    renameNotAllowed: "{{name}} の名前を変えられるのは、保存したメンバーかサーバー管理を持つ人だけです。",
    deletedMeanwhile: "{{name}} はその間に削除されました。",
    renameTakenServer: "このサーバーにはすでに {{name}} という要素があります：別の名前にしてください。",
    renameTakenMine: "あなたにはすでに {{name}} という要素があります：別の名前にしてください。",
    renamed: "{{from}} を {{to}} に変更しました。",
    listFooter: "ライブラリ：このサーバーで {{cap}} 中 {{used}} を使用中です。",
    listEmpty:
      "保存済み要素はまだありません：`/$t(cmd.kling-element.name) $t(cmd.kling-element.save.name)` で保存してください。",
    listMine: "**あなたの要素**",
    listServer: "**サーバーの要素**",
    lineServer: "• {{name}} — サーバー（{{owner}} さん）、{{images}}",
    lineMine: "• {{name}} — あなた、{{images}}",
    imageOne: "画像1枚",
    imageMany: "画像{{count}}枚",
    choiceServer: "{{value}}（サーバー、画像{{count}}枚）",
    choiceMine: "{{value}}（あなた、画像{{count}}枚）",
    serverNeedsManage:
      "サーバーの要素を保存するにはサーバー管理が必要です：自分用なら `$t(cmd.kling-element.scope.name):me` で保存してください。",
    saveHeadOne: "この要素を保存できません：",
    saveHeadMany: "この要素を保存できません —",
    savedServer:
      "{{name}} を保存しました（このサーバーの全員用）：{{images}}、{{size}}。`$t(cmd.option.elements.name):{{value}}` で指定し、プロンプトに {{name}} と書いてください。",
    savedMine:
      "{{name}} を保存しました（あなた用）：{{images}}、{{size}}。`$t(cmd.option.elements.name):{{value}}` で指定し、プロンプトに {{name}} と書いてください。",
    front: "正面画像",
    frontRefOne: "正面画像と参照1枚",
    frontRefs: "正面画像と参照{{count}}枚",
    showServer: "{{name}}（サーバー）：{{images}}。",
    showMine: "{{name}}（あなた）：{{images}}。",
    theFront: "正面画像",
    theFrontRefOne: "正面画像と参照1枚",
    theFrontRefs: "正面画像と参照{{count}}枚",
    imagesMissing: "{{name}} の画像がストアにありません：もう一度保存してください。",
    imageTooBig: "`{{opt}}` は {{size}} です。画像は最大 {{max}} までです：小さめのJPGで保存してください。",
    savingOff: "このサーバーでは要素の保存がオフになっています。",
    savesBusy: "ボットは今、保存処理が混み合っています：1分後にもう一度お試しください。",
    tooManyNames:
      "`{{optElements}}` に {{count}} 個の要素が指定されています。Kling が受け付けるのは要素と画像を合わせて最大 {{max}} 個です：減らしてください。",
    unknownNames:
      "{{names}} という保存済み要素はありません（あなたのものにもサーバーのものにも）：使える名前は `/$t(cmd.kling-element.name) " +
      "$t(cmd.kling-element.list.name)` で確認するか、`/$t(cmd.kling-element.name) " +
      "$t(cmd.kling-element.save.name)` で保存してください。",
    uploadFailed: "保存済み要素の画像を今は fal にアップロードできませんでした：1分後にもう一度お試しください。",
    deletedOne:
      "保存済み要素 {{names}} はその後削除されました：もう一度保存するか、それを使わずにコマンドを実行してください。",
    deletedMany:
      "保存済み要素 {{names}} はその後削除されました：もう一度保存するか、それらを使わずにコマンドを実行してください。",
    clashServer:
      "このサーバーにはすでに {{name}} という要素があります：別の名前にするか、先にそちらを削除してください。",
    clashMine: "あなたにはすでに {{name}} という要素があります：別の名前にするか、先に自分のものを削除してください。",
    libraryCount:
      "このサーバーの要素ライブラリには上限の{{count}}件があります：誰も使わない要素を削除してください（`/$t(cmd.kling-element.name) $t(cmd.kling-element.delete.name)`）。",
    libraryFull:
      "このサーバーの要素ライブラリがいっぱいです：{{cap}} 中 {{used}} を使用中で、これらの画像は {{size}} あります。誰も使わない要素を削除するか（`/$t(cmd.kling-element.name) " +
      "$t(cmd.kling-element.delete.name)`）、オーナーに上限を上げてもらってください（`/$t(cmd.kling-config.name) $t(cmd.kling-config.limits.name) " +
      "$t(cmd.config.elementLibraryMb.name):`）。",
  },
  showcase: {
    guildOnly: "このコマンドはサーバーでのみ使えます。",
    badPeriod: "期間は 週、月、全期間 のいずれかです。",
    week: "過去7日間",
    month: "過去30日間",
    all: "全期間",
    topEmpty:
      "{{period}}でスターの付いたショーケース投稿はまだありません。ショーケースチャンネルの投稿で ⭐ を押すとランキングされます。",
    topTitle: "**ショーケースのスターが多い投稿（{{period}}）**",
    topLine: "{{rank}}\\. ⭐ {{stars}} · {{prompt}} · {{who}} さん · <{{link}}>",
    post: "🎬 <@{{user}}> さんの新しい{{title}}：{{link}}\n> {{prompt}}",
    shareButton: "ショーケースで共有",
    gone: "この動画が見つかりません。",
    notRequester:
      "この動画をショーケースで共有できるのは、作成した <@{{user}}> さんだけです。/{{command}} で自分の動画を作ってから共有してください。",
    noChannel:
      "このサーバーにはもうショーケースチャンネルがありません（サーバーの管理者が `/$t(cmd.kling-config.name) $t(cmd.kling-config.showcase.name)` で設定します）。",
    cannotPost:
      "<#{{channel}}> に投稿できません：そこで「チャンネルを見る」「メッセージを送信」「ファイルを添付」の権限が必要です。サーバーの管理者にチャンネルの権限を直してもらうか（`/$t(cmd.kling-config.name) " +
      "$t(cmd.kling-config.showcase.name)` で別のチャンネルを選ぶこともできます）、その後もう一度「共有」を押してください。",
    shared: "<#{{channel}}> に共有しました：{{link}}",
    already: "すでにショーケースにあります：{{link}}",
    busy: "今まさに共有中です。まもなくショーケースに表示されます。",
    nothing: "この動画の結果が見つからないため、共有するものがありません。",
    postGone: "このショーケース投稿はもう使われていません。",
  },
  failure: {
    notHosted: "{{problems}}falには何も送信されず、課金もされていません。",
    sentences: "{{first}}{{rest}}",
    restartedInDoubt:
      "このジョブをfalに送信中にボットが再起動したため、falが受け取ったかどうか分かりません。このジョブはこれ以上進みません。Retryを押すか、コマンドをもう一度実行してください。",
    answerLost:
      "このジョブへのfalの応答が途中で失われたため、falが受け取ったかどうか分からず、再送すると二重に課金されるおそれがあります。ここではこれ以上進みません。Retryを押すか、コマンドをもう一度実行してください。",
    notPosted: "動画はできましたが、ここに投稿できませんでした。{{link}}",
    link: " リンク：{{url}}",
    deadline: "falが{{span}}以内に終わらなかったため、キャンセルしました。",
    tooOld: "ボットがオフラインで、このジョブは{{span}}以上前のものなので終了しました。{{link}}",
    lastLink: " 最後に分かっている結果：{{url}}",
    hour: "1時間",
    hours: "{{n}}時間",
    minute: "1分",
    minutes: "{{n}}分",
    seconds: "{{n}}秒",
    quotaUnchecked:
      "サーバーの制限とこのジョブを照合できなかった（データベースが応答しなかった）ため、falには送信していません。課金はされていません。もう一度お試しください。",
    notPlayable:
      "falから返ってきたファイルは再生できる動画ではない（{{why}}）ため、投稿しませんでした。falが生成したので予算には計上されます。Retryを押すか、コマンドをもう一度実行してください。",
    noFrames: "動画のフレームがありません",
    noVideo: "falは完了しましたが、応答に使える動画がありません：{{problems}}。何も投稿していません。",
    falFields: "falが入力を拒否しました — {{fields}}。",
    falField: "{{field}}：{{msg}}",
    falInput: "falが入力を拒否しました：{{detail}}。",
    falAuth:
      "ボットの設定に問題があります：falが認証情報を受け付けませんでした。サーバーのオーナーがボットのログを確認する必要があります。",
    model: "モデルが失敗しました：「{{reason}}」",
    modelStatus: "モデルが失敗しました（falの応答はHTTP {{status}}）。",
    unavailable:
      "falは現在混雑しているか利用できません（HTTP {{status}}）。何も生成されていません。数分後にもう一度お試しください。",
    refused: "falがジョブを拒否しました：「{{reason}}」",
    refusedStatus: "falがジョブを拒否しました（HTTP {{status}}）。",
    unreachable: "ボットがfalに接続できませんでした。何も生成されていません。数分後にもう一度お試しください。",
    field: {
      video: "動画",
      images: "画像",
      image: "画像{{n}}（@Image{{n}}）",
      elements: "要素",
      elementImage: "要素{{n}}の画像（@Element{{n}}）",
      elementReference: "要素{{n}}の参照画像",
      element: "要素{{n}}（@Element{{n}}）",
      prompt: "プロンプト",
      duration: "長さ",
      aspectRatio: "アスペクト比",
      request: "リクエスト",
    },
  },
  inputs: {
    video: "動画 {{width}}×{{height}} · {{seconds}}秒",
    videoUnmeasured: "動画",
    elementOne: "要素1件{{refs}}",
    elementMany: "要素{{count}}件{{refs}}",
    refs: "（+参照{{count}}枚）",
    saved: "保存済み：{{list}}",
    imageOne: "画像1枚",
    imageMany: "画像{{count}}枚",
    seconds: "{{s}}秒",
    defaultLength: "既定の長さ",
    audioKept: "音声あり",
    audioDropped: "音声なし",
  },
  editWithKling: {
    title: "Klingで編集",
    prompt: "プロンプト",
    promptHelp: "クリップは @Video1、画像はアップロード順に @Image1…@Image4 と書きます。",
    images: "画像（任意）",
    imagesHelp: "スタイルや見た目の参照を最大{{max}}枚：JPG、PNG、WebP。",
    guildOnly: "サーバーのチャンネルでのみ動作します。",
    noVideo:
      "そのメッセージには編集できる動画がありません：MP4かMOVのクリップの添付、またはそのリンクが必要です。クリップのあるメッセージで **$t(cmd.edit-with-kling.name)** を使うか、ファイルを付けて " +
      "/$t(cmd.kling-edit.name) を実行してください。",
    formGone:
      "このフォームはもう使えません（1時間以上前のものか、別のチャンネルのものです）：メッセージでもう一度 **$t(cmd.edit-with-kling.name)** を使ってください。",
    cannotSee: "このチャンネルがもう見えないため、その動画を編集できません。",
    tooManyImages:
      "画像が{{count}}枚アップロードされました。フォームは最大{{max}}枚までです。枚数を減らしてもう一度送ってください。",
  },
  progress: {
    title: { edit: "Kling 編集", reference: "Kling 参照", pro: " · Pro" },
    requestedBy: "依頼者",
    inputs: "入力",
    estimatedCost: "見積もり費用",
    estimate: "{{cost}}（見積もり{{source}}）",
    cost: "費用",
    status: "状態",
    note: "注意",
    footer: "ジョブ {{id}}",
    stopping:
      "🛑 停止中 — <@{{user}}> さんがキャンセルを押し、falに停止を依頼しました。それでも完成した場合は、ここに動画を投稿します。",
    falUnreachable: "⚠️ <t:{{since}}:R>からfalが応答しません — ジョブは無事です。確認を続けています。",
    checking: "🔎 入力を準備中…",
    submitted: "📨 <t:{{at}}:R>にfalへ送信",
    queuedAt: "⏳ falで順番待ち — {{position}}番目（<t:{{at}}:R>に送信）",
    queued: "⏳ falで順番待ち（<t:{{at}}:R>に送信）",
    running: "🎬 生成中 — <t:{{since}}:R>に開始\n{{bar}}（見積もり）{{log}}",
    delivering: "📦 完成 — 動画を投稿中…",
    done: "✅ 完了{{took}}{{link}}",
    took: "（{{duration}}）",
    seeResult: " — [結果を見る]({{url}})",
    failed: "❌ 失敗 — {{reason}}",
    unknownError: "不明なエラー",
    cancelledBy: "🚫 <@{{user}}> さんがキャンセルしました",
    cancelled: "🚫 キャンセルされました",
    costNote: {
      deliveredMeasured: "{{seconds}}の動画を生成",
      deliveredEstimate: "{{seconds}}の動画（見積もり）",
      "failed-after-result": "falが動画を生成したため課金されます",
      failed: "課金なし",
      "cancelled-queued": "課金なし：falが始める前にキャンセル",
      "cancelled-running": "全額課金：falが開始済みでした",
      "submit-in-doubt": "見積もりで計上：falが受け取り実行した可能性があります",
      "deadline-running": "見積もりで計上：falが実行した可能性があります",
      "too-old-running": "見積もりで計上：falが実行した可能性があります",
      "deadline-queued": "課金なし：falは開始していませんでした",
      "too-old-queued": "課金なし：falは開始していませんでした",
      "dry-run": "課金なし：ドライランは fal に何も送信しません",
    },
  },
  delivery: {
    ready: {
      edit: "<@{{user}}> Kling 編集ができあがりました。{{extra}}",
      reference: "<@{{user}}> Kling 参照クリップができあがりました。{{extra}}",
    },
    noUpload: "ここではファイルをアップロードできないため、falのリンクを貼ります：",
    overLimitSized: "{{size}}あり、このサーバーのアップロード上限{{limit}}を超えるため、falのリンクを貼ります：",
    overLimit: "このサーバーのアップロード上限{{limit}}を超えるため、falのリンクを貼ります：",
    overServerLimit: "このサーバーのアップロード上限を超えるため、falのリンクを貼ります：",
    noDownload: "添付用にダウンロードできなかったため、falのリンクを貼ります：",
    comparisonSideBySide: "ビフォー / アフター：左が送ったクリップ、右が結果です。",
    comparisonStacked: "ビフォー / アフター：上が送ったクリップ、下が結果です。",
  },
  refusal: {
    headOne: "このジョブを開始できません：",
    headMany: "このジョブを開始できません — 問題が{{count}}件あります：",
    more: "…ほか{{count}}件。",
    tail: "falには何も送信されず、課金もされていません。",
  },
  buttons: {
    inputsGone: "このジョブの入力はもう残っていません：コマンドをもう一度実行してください。",
    cancel: "キャンセル",
    retry: "再試行",
    remix: "リミックス",
    remixTitle: "リミックス：プロンプトを編集",
    remixPrompt: "プロンプト",
    jobGone: "このジョブが見つかりません。",
    rerunNotAllowed:
      "この動画の$t(buttons.retry)や$t(buttons.remix)を押せるのは、作成した <@{{user}}> " +
      "さんと「メッセージの管理」権限を持つメンバーだけです。自分の動画は /{{command}} で作れます。",
    cancelNotAllowed:
      "このジョブをキャンセルできるのは、開始した <@{{user}}> さんと「メッセージの管理」権限を持つメンバーだけです。",
    storageDown:
      "今はストレージに接続できないため、このジョブはキャンセル**されていません**。1分後にもう一度「$t(buttons.cancel)」を押してください。",
    alreadyFinished: "キャンセルするには遅すぎます：このジョブはもう終わっています。",
    cancelled: "キャンセルしました。このジョブでこれ以上は生成されません。",
    stopping:
      "fal に停止を依頼しました。ジョブはすでに始まっていたので、まだ完了する可能性があります：完了した場合、動画はここに投稿されます（fal の料金はどちらにしてもかかります）。",
    posting: "キャンセルするには遅すぎます：動画は完成しており、投稿中です。",
  },
  started: "開始しました！進行状況はこちら：{{link}}",
  boundary: {
    apologyJob:
      "こちら側で問題が起きたため、ジョブを開始しませんでした。課金はされていません。もう一度お試しください。",
    apologyNothing: "こちら側で問題が起きました。もう一度お試しください。",
    unknownCommand: "このコマンドはもう使えません。サーバーのコマンドを再登録する必要があるかもしれません。",
    buttonGone: "このボタンはもう使われていません。",
    unknownSubcommand: "このサブコマンドはもう使えません。サーバーのコマンドを再登録する必要があるかもしれません。",
    formGone: "このフォームはもう使われていません。",
  },
  violation: {
    guildOnly: "サーバーのチャンネルでのみ動作します。サーバーのテキストチャンネルかスレッドで使ってください。",
    botPermissions:
      "ここに進行状況を投稿できません：このチャンネルで{{missing}}の権限がありません。モデレーターに付与を頼むか、別のチャンネルを使ってください。",
    noVideo:
      "動画がありません：クリップを`{{optVideo}}`に添付してください（アップロード上限を超える場合は`{{optUrl}}`にリンクを貼ってください）。",
    videoTwice: "`{{optVideo}}`と`{{optUrl}}`の両方が指定されています：どちらか一方にしてください。",
    videoUrlNotLink: "`{{optUrl}}`はリンクではありません：クリップの https:// から始まるアドレスを貼ってください。",
    videoUrlScheme: "`{{optUrl}}`は{{scheme}}を使っています：取得できるのは https:// のリンクだけです。",
    promptTooLong: "プロンプトが{{length}}文字あります。上限は{{max}}文字です：短くしてください。",
    promptElement:
      "プロンプトに{{mention}}がありますが、`{{opt}}`が指定されていません：`{{opt}}`に画像を添付するか、{{mention}}を削除してください。",
    promptImage:
      "プロンプトに{{mention}}がありますが、`{{opt}}`が指定されていません：`{{opt}}`に添付するか、{{mention}}を削除してください。",
    promptVideo: "プロンプトに{{mention}}がありますが、動画は1本だけです：@Video1 と呼んでください。",
    unmentionedElements:
      "プロンプトに{{names}}が出てきません。プロンプトで呼ばれていない要素はKlingに無視されることがあります。",
    refWithoutElement: "`{{optRef}}`が`{{opt}}`なしで指定されています：要素の正面画像も`{{opt}}`に添付してください。",
    tooManyInputs:
      "要素{{elements}}個 + 画像{{images}}枚 = {{total}}。動画がある場合、Klingは合計{{max}}までです：{{drop}}個減らしてください。",
    videoTooShort: "動画が{{seconds}}秒です。Klingは{{range}}に対応しています：もっと長いクリップを使ってください",
    videoTooLong: "動画が{{seconds}}秒です。Klingは{{range}}に対応しています：短くカットしてください",
    videoTooSmall:
      "動画が{{width}}×{{height}} pxです。Klingは各辺{{min}}〜{{max}} pxが必要です：720p以上で書き出してください",
    videoTooLarge:
      "動画が{{width}}×{{height}} pxです。Klingは各辺{{min}}〜{{max}} pxが必要です：1080pで書き出してください",
    fpsUnknown:
      "動画のフレームレートを測れませんでした（フレームが見つかりません）。Klingは{{min}}〜{{max}} fpsに対応しています：書き出し直してください",
    fpsLow: "動画が{{fps}} fpsです。Klingは{{min}}〜{{max}} fpsに対応しています：{{min}}か30 fpsで書き出してください",
    fpsHigh: "動画が{{fps}} fpsです。Klingは{{min}}〜{{max}} fpsに対応しています：30か{{max}} fpsで書き出してください",
    videoBytes: "動画が{{size}}あります。Klingの上限は{{max}}です：カットするかビットレートを下げて書き出してください",
    videoContainer:
      "動画が{{container}}ファイルです。Klingは{{accepted}}に対応しています：MP4（H.264）で書き出し直してください",
    imageFormat: "`{{opt}}`は{{format}}画像です。Klingは{{accepted}}に対応しています：PNGかJPGに変換してください",
    imageSmall:
      "`{{opt}}`は{{width}}×{{height}} pxです。Klingは各辺{{min}} px以上が必要です：もっと大きな画像を使ってください",
    imageAspect:
      "`{{opt}}`は{{width}}×{{height}} px（{{shape}}）です。Klingは1:{{max}}から{{max}}:1までの形に対応しています：トリミングしてください",
    imageBytes: "`{{opt}}`は{{size}}あります。Klingの上限は{{max}}です：JPGで保存するか縮小してください",
    qualityOff:
      "このサーバーではPro画質がオフです：サーバーの管理者が /$t(cmd.kling-config.name) $t(cmd.kling-config.quality.name) " +
      "$t(cmd.config.proEnabled.name):True でオンにできます",
  },
  quota: {
    paused:
      "このサーバーのKlingはモデレーターによって一時停止中です。実行中のジョブは完了します。モデレーターが`/$t(cmd.kling-config.name) " +
      "$t(cmd.kling-config.resume.name)`を実行すると、新しいジョブを開始できます。",
    pausedBecause:
      "このサーバーのKlingはモデレーターによって一時停止中です：「{{reason}}」。実行中のジョブは完了します。モデレーターが`/$t(cmd.kling-config.name) " +
      "$t(cmd.kling-config.resume.name)`を実行すると、新しいジョブを開始できます。",
    channel: "このサーバーでは、このチャンネルでKlingを使えません。使えるチャンネル：{{channels}}。",
    role: "このサーバーのKlingは、ロール{{roles}}のいずれかを持つメンバー専用です。持つべきならモデレーターに相談してください。",
    blockedWord:
      "プロンプトに「{{word}}」が含まれており、このサーバーのモデレーターが禁止しています。言い換えてもう一度お試しください。",
    concurrency:
      "すでに{{current}}件のジョブが実行中で、このサーバーではメンバーごとに同時{{max}}件までです。どれかが完了（またはキャンセル）すると空きができます。",
    cooldown:
      "このサーバーではメンバーごとにジョブの間隔を{{cooldown}}空ける必要があります。前回のジョブは{{last}}に開始しました。次は{{ready}}に開始できます。",
    userDaily:
      "このサーバーでのあなたの1日の枠は動画{{max}}です。今日は{{used}}使用済み（残り{{left}}）で、このジョブには{{needed}}必要です{{note}}。{{reset}}にリセットされます（{{zone}} 00:00）。",
    guildDaily:
      "このサーバーのKlingの1日の予算は{{max}}です。今日は{{current}}が使用済みまたは予約済みで、このジョブは約{{needed}}{{priced}}かかります{{note}}。" +
      "予算は{{reset}}にリセットされます（{{zone}} 00:00）。",
    guildMonthly:
      "このサーバーのKlingの月間予算は{{max}}です。今月は{{current}}が使用済みまたは予約済みで、このジョブは約{{needed}}{{priced}}かかります{{note}}。" +
      "予算は{{reset}}にリセットされます（毎月1日、{{zone}} 00:00）。",
    provisional: "（編集はクリップの確認が済むまで最大10秒分を予約します）",
    lapsed:
      "このジョブの利用枠の確保は fal に届く前に期限切れになり（ファイルの確認に時間がかかりすぎました）、取り直すこともできません：{{reason}}",
  },
  reply: {
    serverOnly: "このコマンドはサーバー内でのみ使えます。",
  },
  help: {
    title: "**このサーバーでの Kling**",
    command: "**/{{command}}** — {{description}}。\n> 例：`{{example}}`",
    editWithKling:
      "**$t(cmd.edit-with-kling.name)**（メッセージのアプリメニュー）— どのメッセージの動画でも編集できます：" +
      "フォームでプロンプトと最大{{maxImages}}枚の画像を入力し、結果はそのメッセージのスレッドに届きます。",
    naming:
      "**プロンプトでの入力の呼び方**：クリップは`@Video1`、`{{element1}}`…`{{element4}}`（正面画像。別の角度は" +
      "`{{element1Ref}}`…）は`@Element1`…`@Element4`、`{{image1}}`…`{{image4}}`（スタイルや見た目）は" +
      "`@Image1`…`@Image4`です。",
    saved:
      "**保存したキャラクター**：`/kling-element save`で一度保存し（正面画像と最大{{maxViews}}枚の別アングル）、" +
      "`{{elements}}`に名前を指定してプロンプトに`@名前`と書きます。`/kling-element list`で自分とサーバーの一覧を" +
      "表示できます。",
    limits:
      "**制限**：動画は .mp4 か .mov、{{minSec}}〜{{maxSec}}秒、各辺{{minPx}}〜{{maxPx}} px、{{minFps}}〜{{maxFps}} fps、" +
      "{{videoMb}}まで（それより大きい場合は`{{videoUrl}}`を使用）。画像は jpg/png/webp、各辺{{imagePx}} px以上、" +
      "{{imageMb}}まで。要素と画像は合計{{maxInputs}}個まで。プロンプトは{{maxChars}}文字まで。",
    costs: "**このサーバーでのジョブの料金**（見積もり。生成された動画の秒数で課金）：",
    price: "- {{tier}}：生成動画 {{rate}}（{{examples}}）",
    priceExample: "{{seconds}}秒 ≈ {{cost}}",
    tier: { standard: "スタンダード", pro: "Pro" },
  },
  config: {
    heading: "**このサーバーの Kling 設定**",
    line: "• {{label}}：{{value}}{{source}}",
    done: "✅ {{what}}",
    isDefault: " *（既定）*",
    footer:
      "-# 制限はこの順に確認されます：チャンネル、ロール、禁止ワード、同時ジョブ数、クールダウン、1日の秒数、" +
      "サーバー予算。日は00:00 {{zone}}に、月は1日にリセットされます。変更はすぐに反映されます。",
    repairedUnreadable:
      "⚠️ 修復：保存された設定をまったく読み込めなかったため、すべての設定が既定値に戻りました。もう一度設定してください。",
    repairedEntries: "⚠️ 修復：{{label}}に無効な項目があったため削除しました。現在の値：{{value}}。",
    repairedInvalid:
      "⚠️ 修復：{{label}}が無効だったため{{value}}（既定値）に戻りました。変更するにはもう一度設定してください。",
    comparisonsOn: "ℹ️ ビフォー/アフター動画：オン（ffmpeg あり。各結果のスレッドに比較動画が続きます）",
    comparisonsOff:
      "ℹ️ ビフォー/アフター動画：オフ — 起動時にボットの PATH に ffmpeg が見つかりませんでした（ffmpeg を" +
      "インストールしてボットを再起動するとオンになります）",
    dryRun:
      "🧪 **ドライラン**（FAL_DRY_RUN、ボットの実行環境で設定）：ジョブはすべての確認と制限を通りますが、fal には" +
      "何も送信されず課金もされません。結果は入力をフィルターに通したものです。",
    changed: {
      pause: "一時停止しました：メンバーの新しいジョブは理由を添えて断られます。実行中のジョブは完了します。",
      resume: "再開しました：新しいジョブを再び受け付けます。",
      limits: "制限を更新しました。",
      budget: "予算を更新しました（実行中のジョブは受け付けたときの料金のままです）。",
      channels: "許可チャンネルを更新しました。",
      roles: "許可ロールを更新しました。",
      blockWords: "禁止ワードを更新しました。",
      showcaseUnset: "ショーケースチャンネルを解除しました。",
      showcaseSet: "ショーケースチャンネルを設定しました。",
      showcaseAuto: "@everyone が見られる結果はすべてショーケースに投稿されます。",
      showcaseShared: "依頼者が「共有」を押した結果がショーケースに投稿されます。",
      threadsOn: "結果は再びスレッドに投稿されます。",
      threadsOff: "結果はチャンネルに投稿されます（スレッドなし）。",
      rerunsAnyone:
        "誰でもどの結果にも Retry と Remix を押せるようになりました（再実行は新しいジョブとして、通常どおり確認・" +
        "課金されます）。",
      rerunsRequester:
        "結果の Retry と Remix は、依頼者と「メッセージの管理」を持つメンバーだけが使えるようになりました。",
      qualityOn: "Pro画質をオンにしました：メンバーは`quality:pro`を選べます（1秒あたり Pro 料金で課金）。",
      qualityOff: "Pro画質をオフにしました：すべてのジョブがスタンダード画質になります。",
      resetAll: "すべての設定を既定値に戻しました。",
      reset: "{{label}}を既定値に戻しました。",
    },
    error: {
      managersOnly:
        "Kling の設定を見たり変えたりできるのは **サーバー管理** を持つメンバーだけです。自分の利用状況は" +
        "`/$t(cmd.kling-usage.name)`で確認できます。",
      guildUnseen: "まだこのサーバーが見えません。1分後にもう一度お試しください。",
      unknownSetting: "その設定はわかりません。",
      sayWhich: "{{action}}するものを指定してください。",
      tooMany: "それだと{{count}}件になります。上限は{{max}}件です。",
      giveOne: "次のうち少なくとも1つを指定してください：{{options}}。",
      wordTooLong: "禁止ワードやフレーズは1つあたり{{max}}文字までです。",
    },
    value: {
      yes: "はい",
      yesBecause: "はい — 「{{reason}}」",
      no: "いいえ",
      noReason: "なし",
      noWords: "なし",
      noCooldown: "なし",
      noChannel: "なし",
      everywhere: "すべての場所",
      everyone: "全員",
      noLimit: "制限なし",
      libraryOff: "オフ（要素は保存できません）",
      libraryMb: "画像{{mb}} MB",
      estimate: "{{rate}}（見積もり）",
      proOn: "オン（メンバーは`quality:pro`を選べ、Pro 料金で課金）",
      proOff: "オフ（スタンダード画質のみ）",
      showcaseAuto: "自動（@everyone が見られるチャンネルの結果はすべて投稿）",
      showcaseShared: "共有（依頼者が「ショーケースに共有」を押した結果を投稿）",
      threadsOn: "オン（結果は進行状況メッセージのスレッドへ）",
      threadsOff: "オフ（結果はチャンネルへ）",
      rerunsRequester: "依頼者と「メッセージの管理」を持つメンバー",
    },
  },
  usage: {
    mine: "**このサーバーでのあなたの Kling 利用状況**",
    ofLimit: "{{limit}}中{{used}}（残り{{left}}）",
    noLimit: "{{used}}（制限なし）",
    jobs_one: "{{count}}件のジョブ",
    jobs_other: "{{count}}件のジョブ",
    today: "今日：動画{{amount}}、約{{cost}} — {{reset}}にリセット（00:00 {{zone}}）",
    month: "今月：{{jobs}}で動画{{seconds}}、約{{cost}} — {{reset}}にリセット",
    running: "実行中：{{active}}件（同時に{{max}}件まで）",
    cooldownWait: "クールダウン：次のジョブは{{ready}}",
    cooldownReady: "クールダウン：準備完了",
    note: "-# 金額には実行中のジョブが見積もりで含まれます。料金は見積もりです。",
    server: "**このサーバーの Kling 利用状況**",
    noBudget: "{{spent}}（予算未設定）",
    serverToday: "今日：{{budget}} · {{jobs}}で{{seconds}} — {{reset}}にリセット（00:00 {{zone}}）",
    serverMonth: "今月：{{budget}} · {{jobs}}で{{seconds}} — {{reset}}にリセット",
    serverRunning: "実行中：{{active}}件",
    top: "**今月よく使ったメンバー**",
    topLine: "{{rank}}. <@{{user}}> — {{cost}} · {{seconds}} · {{jobs}}",
    serverNote:
      "-# 実行中のジョブは見積もりで計上されます。料金は見積もりです（`/$t(cmd.kling-config.name)`で単価を設定）。" +
      "台帳は`$t(cmd.kling-usage.export.name): True`で書き出せます。",
    ledger: "📄 {{month}}の台帳：{{jobs}}、{{cost}}（実行中のジョブは見積もり）。",
    managersOnly:
      "サーバーの合計と台帳は **サーバー管理** を持つメンバー向けです。自分の利用状況はオプションなしで" +
      "`/$t(cmd.kling-usage.name)`を実行してください。",
    badMonth: "`$t(cmd.kling-usage.month.name)`は2025-06のような形式で指定してください。",
  },
  setup: {
    title: "**Kling セットアップ確認**",
    noChannel: "⚠️ 私を使えるテキストチャンネルがありません（許可チャンネルを確認してください）。",
    allGood: "✅ チャンネル：{{count}}件すべてに必要な権限があります。",
    missingHead: "権限が足りないチャンネル（{{checked}}件中{{count}}件）：",
    missingLine: "• <#{{channel}}>：{{permissions}}がありません → {{costs}}",
    fal: "fal：{{detail}}",
    store: "ストア：{{detail}}",
    price: "💲 料金：{{price}}",
    permission: {
      ViewChannel: "チャンネルを見る",
      SendMessages: "メッセージを送信",
      EmbedLinks: "埋め込みリンク",
      CreatePublicThreads: "公開スレッドの作成",
      SendMessagesInThreads: "スレッドでメッセージを送信",
      AttachFiles: "ファイルを添付",
    },
    cost: {
      refused: "ここではジョブが断られます",
      noProgress: "ここではジョブが断られます（進行状況メッセージなし）",
      noThread: "スレッドなし：結果はチャンネルに投稿されます",
      linkOnly: "結果はリンクだけで投稿されます",
    },
    falAccepts: "fal はキーを受け付けています",
    falRefused: "fal がキーを拒否しました（HTTP {{status}}）：FAL_KEY を確認してください",
    falUnasked: "fal に問い合わせできませんでした（{{error}}）",
    falNotRead: "fal の料金表はまだ読み込まれていません",
    falDryRun: "ドライラン：キーは不要です（FAL_DRY_RUN は fal に何も送信しません）",
    storeOk: "接続できます（{{ms}} ms）",
    storeDown: "接続できません：{{error}}",
    priceFal: "スタンダード {{rate}}（fal の料金表より）",
    priceServer:
      "スタンダード {{rate}}、このサーバーの料金（オーナーまたは環境の設定。fal の料金表を読めなかった場合は既定値）",
    priceUnknown: "不明（{{error}}）",
  },
  dryRun: {
    note: "🧪 ドライラン：fal には何も送信されず課金もされていません。結果はあなたのクリップをフィルターに通したものです。",
    title: "{{title}} · 🧪 ドライラン",
    field: "ドライラン",
    costNote: "。ドライランは課金されません",
    notShown: "{{why}}ため、ドライランの結果はここに表示できません。",
  },
  checks: {
    promptEmpty: "プロンプトが空です：Kling に作ってほしいものを書いてください。",
    videoType:
      "`{{opt}}`は{{found}}（{{file}}）です。Kling は MP4 か MOV のみ対応しています：クリップを .mp4（H.264）で" +
      "書き出して添付してください。",
    videoSize: "`{{opt}}`は{{size}}あります。上限は{{max}}です：短くするかビットレートを下げてください。",
    videoSides: "`{{opt}}`は{{width}}×{{height}} pxです。Kling は各辺{{min}}〜{{max}} pxが必要です：{{fix}}。",
    upscale: "拡大してください（例：1280×720）",
    downscale: "縮小してください（例：1920×1080）",
    imageType:
      "`{{opt}}`は{{found}}（{{file}}）です。画像は JPG、PNG、WebP のいずれかにしてください：変換してもう一度" +
      "添付してください。",
    imageSize: "`{{opt}}`は{{size}}あります。画像は{{max}}までです：小さめの JPG で保存してください。",
    imageSides:
      "`{{opt}}`は{{width}}×{{height}} pxです。画像は各辺{{min}} px以上が必要です：もっと大きな画像を使ってください。",
    elementReferences:
      "要素{{slot}}{{saved}}に参照画像が{{count}}枚あります。Kling は要素1つにつき{{max}}枚までです：{{drop}}枚" +
      "減らしてください。",
    slotGap:
      "`{{optSet}}`が指定されていますが`{{optEmpty}}`が空です：{{mention}}の番号が合うよう、順番に（`{{optFirst}}`" +
      "から）埋めてください。",
    duration: "{{seconds}}秒の長さは選べません：3〜15秒から選んでください。",
    aspectRatio: "アスペクト比「{{ratio}}」は選べません：auto、16:9、9:16、1:1 から選んでください。",
    quality: "画質「{{quality}}」は選べません：{{offered}}から選んでください。",
    readFormat: "`{{opt}}`は Kling が対応していない形式です：{{detail}}",
    readFetch: "`{{opt}}`を取得できませんでした：{{detail}}",
    readSize: "`{{opt}}`が大きすぎます：{{detail}}",
    readUnreadable: "`{{opt}}`を読み取れませんでした：{{detail}}",
    busy: "いま読み込み中のファイルが多すぎます：何も読み込まず課金もしていません。1分後にもう一度お試しください。",
    deadline:
      "ファイルの読み込みに{{seconds}}秒以上かかりました。これはボットが1つの依頼の確認にかける上限です（リンクが" +
      "とても遅い場合があります）：ファイルを Discord にアップロードするか、後でもう一度お試しください",
    inputsExpired:
      "元のファイルは、Discord の新しいリンクでももう取得できません（添付されていたメッセージが削除された可能性が" +
      "あります）：ファイルを付けてもう一度 /{{command}} を実行してください。",
    cannotPost:
      "このチャンネルに投稿できません（Discord によると権限が足りません）。ここに投稿できるようモデレーターに頼むか、" +
      "別のチャンネルを使ってください。",
    postFailed:
      "このチャンネルに進行状況メッセージを投稿できなかったため、ジョブを開始しませんでした。もう一度お試しください。",
    notRecorded:
      "ボットが再起動中で、このジョブが記録されたか確認できませんでした。数分たっても進行状況メッセージが表示されない" +
      "場合は、もう一度コマンドを実行してください。",
  },
  list: { comma: "、", semicolon: "／" },
  /** the job queue's worker: a request it could not check (src/jobs/input-check.ts) */
  queueChecks: {
    replyExpired:
      "このリクエストは確認を待つ時間が長すぎたため（ボットが混雑中または再起動中でした）、開始しませんでした。",
    checkFailed:
      "このリクエストの確認中にこちら側で問題が起きたため、開始しませんでした。料金はかかっていません。もう一度お試しください。",
  },
};
